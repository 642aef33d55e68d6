from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


def nested_same():
    return 'hello from nested_same'
