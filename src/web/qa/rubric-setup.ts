/** The current rubric and the fatal-error kinds, loaded once for the forms that score. */
import { useResource, type Resource } from '../shared/hooks.js';
import { qaApi, type FatalKindsView, type RubricRow } from './qa-api.js';

export function useRubricSetup(): Resource<{ rubric: RubricRow; kinds: FatalKindsView }> {
  return useResource(async () => {
    const [rubric, kinds] = await Promise.all([qaApi.rubric(), qaApi.fatalKinds()]);
    return { rubric, kinds };
  });
}
