/** The `gatefold` command's help texts, printed on stdout by `--help`. */

export const MAIN_HELP = `gatefold — typed HTTP handlers for AWS Lambda

Usage:
  gatefold dev <module> [options]       serve a module's Lambda handler on localhost
  gatefold openapi <module> [options]   print the OpenAPI document of a handler or router
  gatefold <command> --help             the options of a command
  gatefold --version                    the installed version

<module> is a .js, .mjs, .ts or .mts file. TypeScript runs through Node's own type stripping
(Node 22.18+ and 24), or through tsx when it is installed and Node cannot strip the file.
`;

export const DEV_HELP = `Usage: gatefold dev <module> [options]

Serves the module's exported Lambda handler on localhost. Each HTTP request becomes the event an
AWS source would send, and each result the response that source would give.

Options:
  --port <n>       the port to listen on (0 picks a free one); PORT, else 3000
  --event <kind>   the event each request becomes:
                     rest       API Gateway REST API, proxy integration (payload 1.0; the default)
                     http       API Gateway HTTP API (payload 2.0)
                     url        Lambda Function URL
                     alb        Application Load Balancer, single-value headers
                     alb-multi  Application Load Balancer, multi-value headers
                     custom     API Gateway REST API, custom integration: the request and
                                response mapping templates of gatefold openapi (the default
                                for a function toLambdaIntegration made)
  --export <name>  the export to serve; handler by default
  --watch          restart when the module or a file it imports changes
  -h, --help       this text
`;

export const OPENAPI_HELP = `Usage: gatefold openapi <module> [options]

Prints the OpenAPI document of the module's exported handler (what toLambda or
toLambdaIntegration returned) or router.

Options:
  --export <name>               the export to describe; handler by default
  --integration <proxy|custom>  the API Gateway integration to configure; the handler's own by default
  --format <json|yaml>          json by default
  --openapi-version <3.0.3|3.1.0>
                                the OpenAPI version to write; 3.0.3 by default, the only one
                                API Gateway imports
  --title <text>                info.title; by default the name in the nearest package.json
                                above the module, else API
  --api-version <text>          info.version; by default the version in that package.json,
                                else 1.0.0
  --function-arn <arn>          the function's ARN for the integration URI
  --function-resource <id>      the function's logical id in a SAM or CloudFormation template
                                (used when no ARN is given); Function by default
  --request-validation <params|all>
                                let API Gateway validate parameters, or parameters and bodies
  --output <file>               write the document to a file instead of stdout
  -h, --help                    this text
`;
