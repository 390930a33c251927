import { loadDemoModules, type ModuleDefinition } from '@tremplin/content';

/** The programme's modules shipped with the content package, each loaded and validated. */
export async function demoModules(): Promise<ModuleDefinition[]> {
  return loadDemoModules();
}
