data = 'qux2:quux'
