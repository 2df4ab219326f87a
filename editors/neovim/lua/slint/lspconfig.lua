-- slint language server for nvim-lspconfig (Neovim 0.8+ with the nvim-lspconfig plugin):
--
--   require('slint.lspconfig').setup({})
--
-- after adding this folder (editors/neovim) to your 'runtimepath'. Options passed to `setup`
-- are handed to lspconfig as usual (`cmd`, `on_attach`, `init_options`, ...).
local M = {}

M.default_config = {
  cmd = { 'slint', 'lsp' },
  filetypes = { 'yaml', 'yaml.cloudformation', 'json', 'json.cloudformation' },
  single_file_support = true,
  init_options = {},
}

function M.setup(options)
  local configs = require('lspconfig.configs')
  local util = require('lspconfig.util')
  if not configs.slint then
    configs.slint = {
      default_config = vim.tbl_extend('force', M.default_config, {
        root_dir = util.root_pattern('slint.toml', 'samconfig.toml', '.git'),
      }),
      docs = {
        description = 'slint: diagnostics and template intelligence for AWS SAM and CloudFormation templates.',
      },
    }
  end
  require('lspconfig').slint.setup(options or {})
end

return M
