import { describe, expect, it, vi } from 'vitest';
import { type EditContextMenuParams, editContextMenuTemplate } from '../../electron/main/edit-context-menu';

const allowed = { canUndo: true, canRedo: false, canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canDelete: true, canEditRichly: false };
const spelling = () => ({ replaceMisspelling: vi.fn(), addToDictionary: vi.fn() });
const inField = (overrides: Partial<EditContextMenuParams> = {}): EditContextMenuParams => ({
  isEditable: true,
  selectionText: '',
  editFlags: allowed,
  misspelledWord: '',
  dictionarySuggestions: [],
  ...overrides,
});

describe('editContextMenuTemplate', () => {
  it('offers the edit commands in a field, enabled as the field allows', () => {
    expect(editContextMenuTemplate(inField(), spelling())).toEqual([
      { role: 'undo', enabled: true },
      { role: 'redo', enabled: false },
      { type: 'separator' },
      { role: 'cut', enabled: true },
      { role: 'copy', enabled: true },
      { role: 'paste', enabled: true },
      { type: 'separator' },
      { role: 'selectAll', enabled: true },
    ]);
  });

  it("puts the spell checker's suggestions first, each replacing the word", () => {
    const actions = spelling();
    const template = editContextMenuTemplate(inField({ misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'] }), actions);
    expect(template.slice(0, 4).map((item) => item.label ?? item.type)).toEqual(['receive', 'relieve', 'Add to Dictionary', 'separator']);
    template[0]?.click?.({} as never, undefined, {} as never);
    expect(actions.replaceMisspelling).toHaveBeenCalledWith('receive');
  });

  it('offers to add an underlined word to the dictionary, with or without suggestions (a name it does not know)', () => {
    const actions = spelling();
    const template = editContextMenuTemplate(inField({ misspelledWord: 'Oyelaran', dictionarySuggestions: [] }), actions);
    expect(template.slice(0, 2).map((item) => item.label ?? item.type)).toEqual(['Add to Dictionary', 'separator']);
    template[0]?.click?.({} as never, undefined, {} as never);
    expect(actions.addToDictionary).toHaveBeenCalledWith('Oyelaran');
  });

  it('offers Copy for selected text outside a field, and nothing where there is nothing to copy', () => {
    expect(editContextMenuTemplate(inField({ isEditable: false, selectionText: 'ada@example.com' }), spelling())).toEqual([{ role: 'copy' }]);
    expect(editContextMenuTemplate(inField({ isEditable: false, selectionText: ' ' }), spelling())).toEqual([]);
  });
});
