/** The types module (paths, components, operations, and an alias per schema) of an OpenAPI document. */
export function generateTypes(document: unknown): Promise<string>;
