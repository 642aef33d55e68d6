from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .my_util1 import one


def two():
    return one() * 2
