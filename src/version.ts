/** mcpgen's own version, recorded in every manifest (kept equal to package.json by a test). */
export const MCPGEN_VERSION = '0.1.0';
