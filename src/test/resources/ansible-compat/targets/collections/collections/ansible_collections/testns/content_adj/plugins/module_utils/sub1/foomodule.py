from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


def importme():
    return "hello from {0}".format(__name__)
