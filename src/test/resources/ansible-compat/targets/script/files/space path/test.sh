#!/usr/bin/env bash

echo -n "Script with space in path"