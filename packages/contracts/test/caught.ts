/** The error `run` throws, when it is an instance of `errorClass`; anything else fails the test. */
export function caught<E extends Error>(run: () => unknown, errorClass: new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw error;
  }
  throw new Error(`expected a ${errorClass.name}`);
}
