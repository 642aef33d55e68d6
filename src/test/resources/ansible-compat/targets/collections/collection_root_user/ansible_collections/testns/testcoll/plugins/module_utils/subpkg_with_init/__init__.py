from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

# exercise relative imports in package init; they behave differently
from .mod_in_subpkg_with_init import thingtocall as submod_thingtocall
from ..subpkg.submod import thingtocall as cousin_submod_thingtocall  # pylint: disable=relative-beyond-top-level


def thingtocall():
    return "thingtocall in subpkg_with_init"
