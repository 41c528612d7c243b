// How a report names an image: the familiar form Docker shows (`nginx:1.25`, no digest when there is
// a tag: the digest is in the full reference beside it) and the repository that pairs versions of
// one image in a diff. A reference the parser refuses (the store keeps whatever a platform reported)
// is shown as it is rather than failing the report.
import { parseReference } from '../oci/reference.js';

export interface ReferenceNames {
  readonly familiar: string;
  readonly repository: string;
}

export function referenceNames(reference: string): ReferenceNames {
  try {
    const parsed = parseReference(reference);
    const repository = parseReference(parsed.name).familiar();
    const suffix =
      parsed.tag !== undefined ? `:${parsed.tag}` : parsed.digest !== undefined ? `@${parsed.digest}` : '';
    return { familiar: repository + suffix, repository };
  } catch {
    return { familiar: reference, repository: reference };
  }
}
