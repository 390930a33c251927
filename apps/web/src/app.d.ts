// See https://svelte.dev/docs/kit/types#app.d.ts
// The app has no server-side code: App.Locals and App.Platform stay empty.
declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
      /** The API error code (TREMPLIN_ERR_…) when the error page is caused by an API call. */
      code?: string;
    }
    // interface PageData {}
    // interface PageState {}
  }
}

export {};
