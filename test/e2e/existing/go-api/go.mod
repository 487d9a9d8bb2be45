module example.com/legacy-api

go 1.24
