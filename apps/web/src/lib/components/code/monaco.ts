/**
 * Monaco, bundled by Vite and served by Tremplin (nothing from a CDN). This module is only ever
 * loaded with a dynamic import from the exercise page, so no other page downloads it; its files are
 * hashed and cached for a year. Only JavaScript and TypeScript are registered, with the TypeScript
 * worker for diagnostics; workers are bundled with `?worker` so they work offline.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import {
  ModuleKind,
  ScriptTarget,
  javascriptDefaults,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import type { CodeLanguage } from '#lib/api/types.ts';
import { pasteIntoEmpty } from '#lib/learning/pastes.ts';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker();
  },
};

const compilerOptions = {
  target: ScriptTarget.ES2020,
  module: ModuleKind.ESNext,
  allowNonTsExtensions: true,
  noEmit: true,
  lib: ['es2022', 'dom'],
};
typescriptDefaults.setCompilerOptions({ ...compilerOptions, strict: true });
javascriptDefaults.setCompilerOptions({ ...compilerOptions, allowJs: true, checkJs: false });
for (const defaults of [typescriptDefaults, javascriptDefaults]) {
  defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  defaults.setEagerModelSync(true);
}

export interface CodeEditorOptions {
  value: string;
  language: CodeLanguage;
  /** Identifies the exercise's model (a file name for the TypeScript service). */
  path: string;
  ariaLabel: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  /** A paste: its size, and whether the editor holds nothing else (reported with the next draft save). */
  onPaste?: (paste: { chars: number; intoEmpty: boolean }) => void;
}

export interface CodeEditor {
  /** Replaces the whole text, as an undoable edit. */
  setValue(value: string): void;
  getValue(): string;
  focus(): void;
  dispose(): void;
}

export function createCodeEditor(container: HTMLElement, options: CodeEditorOptions): CodeEditor {
  const uri = monaco.Uri.parse(`file:///${options.path}.${options.language === 'typescript' ? 'ts' : 'js'}`);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.value, options.language, uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });

  const editor = monaco.editor.create(container, {
    model,
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    renderLineHighlight: 'line',
    wordWrap: 'off',
    tabSize: 2,
    // A page that scrolls past the editor instead of being stuck in it.
    scrollbar: { alwaysConsumeMouseWheel: false },
    accessibilitySupport: 'auto',
  });

  const subscriptions = [
    model.onDidChangeContent(() => options.onChange(model.getValue())),
    editor.onDidBlurEditorText(() => options.onBlur()),
    editor.onDidPaste(({ range }) => {
      const start = model.getOffsetAt(range.getStartPosition());
      const end = model.getOffsetAt(range.getEndPosition());
      options.onPaste?.({ chars: end - start, intoEmpty: pasteIntoEmpty(model.getValue(), start, end) });
    }),
  ];

  return {
    setValue(value) {
      if (value === model.getValue()) return;
      editor.pushUndoStop();
      editor.executeEdits('tremplin', [{ range: model.getFullModelRange(), text: value }]);
      editor.pushUndoStop();
    },
    getValue: () => model.getValue(),
    focus: () => editor.focus(),
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
