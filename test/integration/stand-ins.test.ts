/**
 * The stand-ins the custom integration tests rely on behave as the real things do: Java's
 * `Pattern.matches`, and API Gateway's `$util`, `$input` and `$context` in a Velocity template.
 * Expected values are what the JDK and Apache Commons Lang produce for the same input.
 */
import { describe, expect, it } from 'vitest';
import { javaMatches, javaToJs } from '../support/java-regex.js';
import {
  JavaMap,
  escapeJavaScript,
  jsonPath,
  renderGatewayResponseTemplate,
  renderRequestTemplate,
  renderResponseTemplate,
  urlDecode,
  urlEncode,
} from '../support/vtl.js';

describe('Pattern.matches', () => {
  it('matches the whole input only', () => {
    expect(javaMatches('abc', 'abc')).toBe(true);
    expect(javaMatches('abc', 'xabc')).toBe(false);
    expect(javaMatches('abc', 'abcx')).toBe(false);
    expect(javaMatches('a|ab', 'ab')).toBe(true);
    expect(javaMatches('.*Error.*', 'An Error here')).toBe(true);
  });

  it('lets `.` stop at every Java line terminator, JavaScript’s and U+0085', () => {
    for (const terminator of ['\n', '\r', '\u0085', '\u2028', '\u2029']) {
      expect(javaMatches('a.b', `a${terminator}b`)).toBe(false);
      expect(javaMatches('a[\\s\\S]b', `a${terminator}b`)).toBe(true);
    }
    expect(javaMatches('a.b', 'a\tb')).toBe(true);
    expect(javaMatches('.', '😀')).toBe(true);
  });

  it('keeps \\s and \\d to ASCII, as Java does by default', () => {
    expect(javaMatches('\\s', '\u00a0')).toBe(false);
    expect(javaMatches('\\s', '\u2028')).toBe(false);
    expect(javaMatches('\\s', '\u000b')).toBe(true);
    expect(javaMatches('\\S', '\u00a0')).toBe(true);
    expect(javaMatches('\\d', '٣')).toBe(false);
    expect(javaMatches('[\\d]+', '0123456789')).toBe(true);
    expect(javaMatches('[^\\d]', 'x')).toBe(true);
  });

  it('reads escapes, lookaheads and classes as Java does', () => {
    expect(javaMatches('\\{"status":400,[\\s\\S]*', '{"status":400,"x":1}')).toBe(true);
    expect(javaMatches('\\{"status":400,[\\s\\S]*', '{"status":4000,"x":1}')).toBe(false);
    expect(javaMatches('(?!\\{)[\\s\\S]*', '{')).toBe(false);
    expect(javaMatches('(?=[\\s\\S]*x)[\\s\\S]*', 'ab\nx')).toBe(true);
    expect(javaMatches('\\"\\-\\#', '"-#')).toBe(true);
    expect(javaMatches('[]a]+', ']a')).toBe(true);
  });

  it('refuses what it does not translate rather than guessing', () => {
    for (const pattern of ['\\Qa.b\\E', '\\p{L}', 'a*+', '(?i)a', '[a&&b]', '[a[b]]', '\\z']) {
      expect(() => javaToJs(pattern)).toThrow();
    }
  });
});

describe('$util', () => {
  it('urlEncode is URLEncoder in UTF-8: + for a space, .-*_ kept, upper-case escapes', () => {
    expect(urlEncode('a b+c%d/é~😀.-*_!\'"()')).toBe(
      'a+b%2Bc%25d%2F%C3%A9%7E%F0%9F%98%80.-*_%21%27%22%28%29',
    );
    expect(urlEncode('\ud800')).toBe('%3F');
    expect(urlDecode('a+b%2Bc%25d%2F%C3%A9')).toBe('a b+c%d/é');
  });

  it('escapeJavaScript is Commons Lang 2: quotes, backslash, slash, controls, \\uXXXX', () => {
    expect(escapeJavaScript(`'"\\/`)).toBe(`\\'\\"\\\\\\/`);
    expect(escapeJavaScript('\b\t\n\f\r\u0000\u001f\u007f')).toBe(
      '\\b\\t\\n\\f\\r\\u0000\\u001F\u007f',
    );
    expect(escapeJavaScript('é€😀')).toBe('\\u00E9\\u20AC\\uD83D\\uDE00');
    expect(escapeJavaScript('plain text 123')).toBe('plain text 123');
  });
});

describe('$input and templates', () => {
  it('reads JSONPath as the templates use it', () => {
    const payload = { errorMessage: 'x', list: [{ 'a b': 1 }] };
    expect(jsonPath(payload, '$')).toBe(payload);
    expect(jsonPath(payload, '$.errorMessage')).toBe('x');
    expect(jsonPath(payload, "$.list[0]['a b']")).toBe(1);
    expect(jsonPath(payload, '$.missing.deeper')).toBeUndefined();
    expect(() => jsonPath(payload, 'errorMessage')).toThrow();
  });

  it('gives $input.params() with Java map methods, and $input.json of an empty body as {}', () => {
    const rendered = renderRequestTemplate(
      "#set($p = $input.params())#foreach($kind in $p.keySet())$kind=#foreach($n in $p.get($kind).keySet())$n:$p.get($kind).get($n)#if($foreach.hasNext),#end#end;#end|$input.json('$')|$p.get('header').get('missing')",
      {
        httpMethod: 'GET',
        resourcePath: '/a/{b}',
        stage: 'prod',
        requestId: 'r-1',
        sourceIp: '203.0.113.1',
        path: { b: '1' },
        querystring: { q: 'x', r: 'y' },
        header: { Accept: '*/*' },
        body: '',
      },
    );
    expect(rendered).toBe(
      "path=b:1;querystring=q:x,r:y;header=Accept:*/*;|{}|$p.get('header').get('missing')",
    );
    expect(new JavaMap([['a', 1]]).toString()).toBe('{a=1}');
  });

  it('collects $context.responseOverride and reads the Lambda error payload', () => {
    const rendered = renderResponseTemplate(
      "#set($e = $util.parseJson($input.path('$.errorMessage')))#set($context.responseOverride.status = $e.status)#set($context.responseOverride.header.Retry-After = $e.headers.retry-after)$e.body|$context.requestId",
      JSON.stringify({
        errorMessage:
          '{"status":429,"headers":{"retry-after":"3"},"body":"{\\"a\\":\\"\\u00e9\\"}"}',
        errorType: 'Error',
        stackTrace: [],
      }),
      'r-9',
    );
    expect(rendered).toStrictEqual({
      body: '{"a":"é"}|r-9',
      override: { status: 429, header: { 'Retry-After': '3' } },
    });
  });

  it('substitutes $context.error in a gateway response template, messageString quoted', () => {
    expect(
      renderGatewayResponseTemplate(
        '{"m":$context.error.messageString,"t":"$context.error.responseType","id":"$context.requestId"}',
        { requestId: 'r-2', responseType: 'THROTTLED', message: 'Too "many" requests' },
      ),
    ).toBe('{"m":"Too \\"many\\" requests","t":"THROTTLED","id":"r-2"}');
  });
});
