-- Headless Neovim smoke test: the built-in LSP client starts `slint lsp` on a template and
-- checks diagnostics, hover and go to definition, as a user's editor would see them.
-- Runs on Neovim 0.7 and later; exits non-zero on the first failure.

local slint = assert(os.getenv('SLINT_BIN'), 'SLINT_BIN is not set')
local template = assert(os.getenv('SLINT_TEMPLATE'), 'SLINT_TEMPLATE is not set')

local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then failures = failures + 1 end
end

vim.cmd('edit ' .. vim.fn.fnameescape(template))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'slint',
  cmd = { slint, 'lsp' },
  root_dir = vim.fn.fnamemodify(template, ':h'),
})
check(client_id ~= nil, 'the server starts')
vim.lsp.buf_attach_client(bufnr, client_id)

-- Diagnostics: the misspelt `!Ref OrdersTabel` is reported where it is written.
local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
check(got, 'diagnostics are published')
-- Other rules may report other things about the fixture; the misspelt reference is the one
-- this test is about.
local diagnostic = {}
for _, found in ipairs(vim.diagnostic.get(bufnr)) do
  if found.code == 'T201' then diagnostic = found end
end
local line = vim.api.nvim_buf_get_lines(bufnr, diagnostic.lnum or 0, (diagnostic.lnum or 0) + 1, false)[1] or ''
check(diagnostic.code == 'T201', 'the finding is T201 (got ' .. tostring(diagnostic.code) .. ')')
check(diagnostic.source == 'slint(unknown-ref-target)', 'the source names the rule')
check(line:sub((diagnostic.col or 0) + 1, diagnostic.end_col or 0) == 'OrdersTabel', 'the range covers the typo')

local function position_of(needle, offset)
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = text:find(needle, 1, true)
    if at then return { line = i - 1, character = at - 1 + (offset or 0) } end
  end
  error('not in the template: ' .. needle)
end

local client = vim.lsp.get_client_by_id(client_id)
local function request(method, position)
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = position }
  local response = client.request_sync(method, params, 10000, bufnr)
  return response and response.result
end

-- Hover on a resource type shows its documentation.
local hover = request('textDocument/hover', position_of('AWS::DynamoDB::Table', 5))
local hover_text = hover and hover.contents and hover.contents.value or ''
check(hover_text:find('DynamoDB', 1, true) ~= nil, 'hover describes AWS::DynamoDB::Table')

-- Go to definition from `${Stage}` lands on the parameter.
local definition = request('textDocument/definition', position_of('${Stage}', 3))
local location = definition and (definition[1] or definition)
local declared = position_of('  Stage:', 2)
check(location ~= nil and location.range.start.line == declared.line and location.range.start.character == declared.character,
  'definition of Stage is its declaration')

client.stop()
if failures > 0 then
  io.stdout:write(failures .. ' failed\n')
  vim.cmd('cquit 1')
else
  io.stdout:write('0 failed\n')
  vim.cmd('qall!')
end
