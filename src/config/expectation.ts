/** An expectation for a numeric assertion: a number (equal) or a comparison such as ">= 10". */
export const EXPECTATION = /^\s*(=|==|!=|<>|<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)\s*$/;
