import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export type EditContextMenuParams = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags' | 'misspelledWord' | 'dictionarySuggestions'>;

export interface SpellingActions {
  replaceMisspelling: (word: string) => void;
  addToDictionary: (word: string) => void;
}

/**
 * The right-click menu. Electron shows none of its own: without this a
 * recruiter cannot paste into a field with the mouse, nor take the spell
 * checker's suggestion for a word it underlines, nor teach it a name it does
 * not know (candidates' names and employers are underlined everywhere). Empty
 * where there is nothing to edit or copy.
 */
export function editContextMenuTemplate(params: EditContextMenuParams, spelling: SpellingActions): MenuItemConstructorOptions[] {
  if (!params.isEditable) return params.selectionText.trim() === '' ? [] : [{ role: 'copy' }];
  const word = params.misspelledWord;
  const spellingItems: MenuItemConstructorOptions[] =
    word === ''
      ? []
      : [
          ...params.dictionarySuggestions.map((suggestion) => ({ label: suggestion, click: () => spelling.replaceMisspelling(suggestion) })),
          { label: 'Add to Dictionary', click: () => spelling.addToDictionary(word) },
          { type: 'separator' },
        ];
  const { editFlags } = params;
  return [
    ...spellingItems,
    { role: 'undo', enabled: editFlags.canUndo },
    { role: 'redo', enabled: editFlags.canRedo },
    { type: 'separator' },
    { role: 'cut', enabled: editFlags.canCut },
    { role: 'copy', enabled: editFlags.canCopy },
    { role: 'paste', enabled: editFlags.canPaste },
    { type: 'separator' },
    { role: 'selectAll', enabled: editFlags.canSelectAll },
  ];
}
