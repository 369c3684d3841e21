/**
 * openapi-fetch's query serializers, the only openapi-fetch code the core runs. The build bundles
 * them into the core chunk (tsdown.config.ts: openapi-fetch is external for every other importer)
 * so that importing the core does not also load and resolve openapi-fetch as a package: that was
 * a third of the core's cold start, against two small functions.
 */
export { serializeArrayParam, serializePrimitiveParam } from "openapi-fetch";
