data = 'baz2'
