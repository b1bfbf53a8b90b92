import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--allow-natives-syntax');

/** V8's own answer to whether an object keeps fast (shape-based) properties rather than a dictionary. */
export const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

/** Whether two values are the same object in memory: for strings, the same copy rather than equal text. */
export const sameCopy = new Function('a', 'b', 'return %ReferenceEqual(a, b)') as (a: unknown, b: unknown) => boolean;
