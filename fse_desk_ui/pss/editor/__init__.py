"""The PSS editor: a new version of the patient's Profilo Sanitario Sintetico, edited
section by section with type-ahead coding, undo/redo, autosave, checks, suggestions
from the FSE and publication."""

from fse_desk_ui.pss.editor.editor import PssEditor
from fse_desk_ui.pss.editor.vocabulary_set import EditorVocabularies

__all__ = ["EditorVocabularies", "PssEditor"]
