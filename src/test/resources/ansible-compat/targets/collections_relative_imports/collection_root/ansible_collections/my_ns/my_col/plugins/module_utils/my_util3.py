from __future__ import absolute_import, division, print_function
__metaclass__ = type

from . import my_util2


def three():
    return my_util2.two() + 1
