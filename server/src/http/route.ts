// Routes are declared once, with the zod schemas that validate them; the same declarations produce
// the OpenAPI 3.1 document, so the document cannot drift from what the server accepts.
import type { Request, RequestHandler, Response, Router } from "express";
import { z } from "zod";
import { JsonText, toJson } from "./json.ts";
import { parseInput } from "./validate.ts";

export type Method = "get" | "post" | "put" | "delete";
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Shape = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<
  P extends Shape | undefined,
  Q extends Shape | undefined,
  B extends z.ZodType | undefined,
> {
  method: Method;
  /** Express syntax (`/api/assets/:id`); written `{id}` in the OpenAPI document. */
  path: string;
  summary: string;
  tag: string;
  /** "session": needs a signed-in wallet (401 otherwise); "optional": reads one when present. */
  auth?: "session" | "optional";
  params?: P;
  query?: Q;
  body?: B;
  /** A raw (non-JSON) request body, e.g. an upload: its accepted media types. */
  rawBody?: readonly string[];
  /** The success response: status (default 200), media type (default JSON) and schema if any. */
  response?: { status?: number; description: string; mediaType?: string; schema?: z.ZodType };
  /** Error statuses the route may answer besides 400/500. */
  errors?: readonly number[];
  /** Middleware run before validation (rate limits, raw body parsers). */
  before?: readonly RequestHandler[];
}

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

type AnySpec = RouteSpec<Shape | undefined, Shape | undefined, z.ZodType | undefined>;

export interface RegistryOptions {
  /**
   * Check every successful JSON response against its documented schema, answering 500 when it
   * does not match (tests turn this on, so the OpenAPI document cannot drift from what is sent).
   */
  checkResponses?: boolean;
}

export class ApiRegistry {
  readonly routes: AnySpec[] = [];
  private readonly router: Router;
  private readonly checkResponses: boolean;

  constructor(router: Router, options: RegistryOptions = {}) {
    this.router = router;
    this.checkResponses = options.checkResponses ?? false;
  }

  /**
   * Registers a route. The handler's return value is sent as JSON (a JsonText as it is) unless it
   * already answered.
   */
  add<
    P extends Shape | undefined = undefined,
    Q extends Shape | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
  >(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<P, Q, B>, req: Request, res: Response) => unknown,
  ): void {
    this.routes.push(spec as AnySpec);
    const validateAndRun: RequestHandler = async (req, res) => {
      // the declared success status, which a handler may still change
      res.status(spec.response?.status ?? 200);
      const input = {
        params: spec.params ? parseInput(spec.params, req.params, "params") : undefined,
        query: spec.query ? parseInput(spec.query, req.query, "query") : undefined,
        body: spec.body ? parseInput(spec.body, req.body ?? {}, "body") : undefined,
      } as RouteInput<P, Q, B>;
      const result = await handler(input, req, res);
      if (res.headersSent) return;
      if (this.checkResponses && spec.response?.schema && res.statusCode < 300) {
        const sent = result instanceof JsonText ? JSON.parse(result.text) : toJson(result);
        const checked = spec.response.schema.safeParse(sent);
        if (!checked.success) {
          throw new Error(
            `${spec.method.toUpperCase()} ${spec.path} answered outside its documented schema:\n${z.prettifyError(checked.error)}`,
          );
        }
      }
      if (result instanceof JsonText) res.type("application/json").send(result.text);
      else res.json(toJson(result));
    };
    this.router[spec.method](spec.path, ...(spec.before ?? []), validateAndRun);
  }
}

const errorResponse = { $ref: "#/components/responses/Error" };

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** The OpenAPI 3.1 document of the registered routes. */
export function openApiDocument(
  routes: readonly AnySpec[],
  info: { title: string; version: string; serverUrl?: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, shape] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (!shape) continue;
      const schema = jsonSchema(shape, "input") as {
        properties?: Record<string, { description?: string }>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || (schema.required ?? []).includes(name),
          ...(property.description ? { description: property.description } : {}),
          schema: property,
        });
      }
    }
    const responses: Record<string, unknown> = {
      [String(route.response?.status ?? 200)]: {
        description: route.response?.description ?? "OK",
        content: {
          [route.response?.mediaType ?? "application/json"]: route.response?.schema
            ? { schema: jsonSchema(route.response.schema, "output") }
            : {},
        },
      },
      "400": errorResponse,
      "500": errorResponse,
    };
    if (route.auth === "session") responses["401"] = errorResponse;
    for (const status of route.errors ?? []) responses[String(status)] = errorResponse;
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
    };
    if (route.auth === "session") operation.security = [{ session: [] }];
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(route.body, "input") } },
      };
    } else if (route.rawBody) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          route.rawBody.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]),
        ),
      };
    }
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "techex_session" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message", "details"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                details: { type: "object" },
              },
            },
          },
        },
      },
      responses: {
        Error: {
          description: "An error",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}
