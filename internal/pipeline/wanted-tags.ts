// The tags whose push dates the registry websites (Docker Hub, Quay) are asked for.
export function wantedTags(currentTag: string | null, candidateTag: string | null): string[] {
  return [currentTag, candidateTag].filter((tag): tag is string => tag !== null);
}
