"""Job functions, one module per domain; each takes arq's ctx first."""
