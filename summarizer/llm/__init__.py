"""Model access: backends (embedded llama.cpp, OpenAI-compatible), the response store,
local model files, and prompt files."""
