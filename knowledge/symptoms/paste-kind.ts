// Whether a shared file is a cluster template or something else people paste (a log, a status blob): a template has
// a `[cluster name]` header line. Read from the first part only, so the check costs nothing on a large log.
const HEAD = 256 * 1024;
const CLUSTER_HEADER = /^[ \t]*\[[ \t]*cluster[ \t]+[^\]\n]*\][ \t]*(?:#.*)?$/im;

export function isTemplateText(text: string): boolean {
  return CLUSTER_HEADER.test(text.length > HEAD ? text.slice(0, HEAD) : text);
}
