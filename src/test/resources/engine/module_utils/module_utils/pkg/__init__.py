data = 'package'
