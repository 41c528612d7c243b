// The README, as markdown: `GET /repos/{owner}/{repo}/readme` with the raw media type answers the
// file itself instead of base64 JSON (docs.github.com/en/rest/repos/contents#get-a-repository-readme).
// Stored as received; the UI sanitizes it when it draws it.
import { apiUrl, githubGet } from './api.js';
import type { GithubApi } from './api.js';
import type { SourceRepository } from '../source-repository.js';
import { repositoryPath } from './repository.js';

/** The README's markdown, or null when the repository has none (404). */
export async function fetchReadme(api: GithubApi, name: SourceRepository): Promise<string | null> {
  const response = await githubGet(api, apiUrl(api, `${repositoryPath(name)}/readme`), 'raw');
  if (response === null) return null;
  const text = response.text();
  return text.trim() === '' ? null : text;
}
