/**
 * JSON texts that a parse and a `JSON.stringify` would change: each must reach the client of the
 * custom integration byte for byte, as the proxy adapter sends it.
 */
export const EXACT_JSON: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'an integer beyond 2^53', text: '{"id":12345678901234567891}' },
  {
    name: 'numbers a double cannot hold',
    text: '[-98765432109876543210,0.1000000000000000055511151231257827,1E400,-0,1.50]',
  },
  { name: 'integer-like keys after others', text: '{"b":1,"2":2,"a":3}' },
  { name: 'a duplicate member', text: '{"a":1,"a":2}' },
  { name: 'escapes', text: '{"s":"\\u00e9\\/\\u2028 \\"q\\" \\\\"}' },
  { name: 'raw characters beyond ASCII', text: '["é","😀","\u2028","\u0085"]' },
  { name: 'whitespace and newlines', text: '{\n  "pretty": [1, 2]\n}\n' },
  {
    name: 'text that looks like Velocity',
    text: '{"v":"$input.body #if(true)yes#end ${x} $!{y} ## not a comment"}',
  },
];
