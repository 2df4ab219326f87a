-- slint language server for Neovim 0.11+ (`vim.lsp.config`): put this file in an `lsp/` folder
-- on your 'runtimepath' (for example ~/.config/nvim/lsp/slint.lua) and call
-- `vim.lsp.enable('slint')`.
--
-- slint decides by content whether a YAML or JSON file is a CloudFormation/SAM template and
-- leaves other files alone, so attaching to every YAML and JSON buffer is safe.
return {
  cmd = { 'slint', 'lsp' },
  filetypes = { 'yaml', 'yaml.cloudformation', 'json', 'json.cloudformation' },
  root_markers = { 'slint.toml', 'samconfig.toml', 'template.yaml', 'template.yml', '.git' },
  -- Everything is optional; `slint.toml` next to the templates is read as `slint check` reads it.
  init_options = {
    -- configPath = '/path/to/slint.toml',
    -- select = { 'T', 'L' },
    -- ignore = { 'T3' },
    -- severity = { T201 = 'warning' },
    -- debounceMs = 15,
    -- inlayHints = true,
    -- baseline = 'HEAD',
  },
}
