import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export type EditContextMenuParams = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags' | 'misspelledWord' | 'dictionarySuggestions'>;

/**
 * The right-click menu. Electron shows none of its own: without this a
 * recruiter cannot paste into a field with the mouse, nor take the spell
 * checker's suggestion for a word it underlines. Empty where there is nothing
 * to edit or copy.
 */
export function editContextMenuTemplate(params: EditContextMenuParams, replaceMisspelling: (word: string) => void): MenuItemConstructorOptions[] {
  if (!params.isEditable) return params.selectionText.trim() === '' ? [] : [{ role: 'copy' }];
  const suggestions: MenuItemConstructorOptions[] =
    params.misspelledWord !== '' && params.dictionarySuggestions.length > 0
      ? [...params.dictionarySuggestions.map((word) => ({ label: word, click: () => replaceMisspelling(word) })), { type: 'separator' }]
      : [];
  const { editFlags } = params;
  return [
    ...suggestions,
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
