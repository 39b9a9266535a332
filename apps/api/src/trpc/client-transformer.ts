// The clients' transformer (the web app's and "@ampflux/api/client"'s): superjson, reading each
// answer in place. superjson's deserialize first copies every value of the answer unless told
// `inPlace`; the answer is the client's own (just parsed from the response), so nothing else can
// see it change. The copy was 17–84 ms for the 2.6 MB result of an N-1 screening of
// case9241pegase (simulations.get, whose row has dates, so it is annotated), on the path from a
// finished study to the user holding it. Loads only superjson, so the browser bundle takes it as
// it is.

import superjson, { type SuperJSONResult } from "superjson";

export const clientTransformer = {
  serialize: (value: unknown): SuperJSONResult => superjson.serialize(value),
  deserialize: (answer: SuperJSONResult): unknown => superjson.deserialize(answer, { inPlace: true }),
};
