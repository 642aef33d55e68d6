data = 'package module'
