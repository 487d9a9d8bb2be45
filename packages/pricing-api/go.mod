module pricing-api

go 1.24
