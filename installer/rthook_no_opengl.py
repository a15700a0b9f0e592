"""PyInstaller runtime hook: a stand-in for ``PySide6.QtOpenGL``, which the bundle leaves out.

pyqtgraph imports QtOpenGL when its plot curves are imported, but uses it only to draw with
OpenGL, an option FSE Desk never turns on. Its Python binding is some 9 MB of the bundle, so
it is left out (Qt's OpenGL library itself stays, QtOpenGLWidgets needs it) and this empty
module answers the import; touching any of its names raises, naming what is missing,
instead of drawing wrongly.
"""

import sys
import types


class _LeftOut(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        raise AttributeError(f"{self.__name__}.{name}: Qt's OpenGL module is not in this bundle")


sys.modules.setdefault("PySide6.QtOpenGL", _LeftOut("PySide6.QtOpenGL"))
