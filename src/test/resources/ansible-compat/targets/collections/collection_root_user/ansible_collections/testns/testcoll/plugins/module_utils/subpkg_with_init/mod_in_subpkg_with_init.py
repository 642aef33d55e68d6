from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


def thingtocall():
    return "thingtocall in mod_in_subpkg_with_init"
