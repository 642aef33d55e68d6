data = 'overridden json_utils'
