/** The one way this package talks to Awin; operations import from here. */
/** @public the types an operation's call is written in */
export type { AwinClient, AwinContext, AwinRequest, AwinResponse, ClientSettings } from './client';
export { createAwinClient } from './client';
export { describeBody } from './errors';
export type { ShapeCheck } from './shapes';
export {
	anObject,
	listOfObjects,
	listOrObjectWithList,
	objectOrList,
	objectWithList,
	objectWithOptionalLists,
} from './shapes';
