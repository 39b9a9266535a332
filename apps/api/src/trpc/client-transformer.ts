// The clients' transformer (the web app's and "@ampflux/api/client"'s): superjson, except that an
// answer without annotations is read as the JSON it is. superjson's deserialize first copies every
// value of the answer, with nothing to restore when no Date, Map or the like was annotated, which
// is every stored result the server passes through (trpc/stored-json.ts): 12–44 ms for the
// 2.6 MB result of an N-1 screening of case9241pegase, on the path from a finished study to the
// user holding it. Loads only superjson, so the browser bundle takes it as it is.

import superjson, { type SuperJSONResult } from "superjson";

export const clientTransformer = {
  serialize: (value: unknown): SuperJSONResult => superjson.serialize(value),
  deserialize: (answer: SuperJSONResult): unknown =>
    answer.meta ? superjson.deserialize(answer) : answer.json,
};
