const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG content and for quoted attribute values alike. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** An id that is safe inside `id=` and `href="#..."`, derived from a pipeline id such as `E-K2C2FP`. */
export function anchorId(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
