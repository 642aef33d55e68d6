data = 'bar2'
