-- The Neovim configuration of capture.sh: the file given on the command line, `accord lsp`
-- attached, the diagnostics shown as virtual text (Neovim's default) and in the sign column.
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.wrap = false
vim.o.laststatus = 2
vim.o.shortmess = vim.o.shortmess .. 'IF'
vim.diagnostic.config({ virtual_text = true, signs = true })
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local id = vim.lsp.start_client({
      name = 'accord',
      cmd = { os.getenv('ACCORD_BIN'), 'lsp' },
      root_dir = os.getenv('ACCORD_DATASET'),
    })
    vim.lsp.buf_attach_client(0, id)
    vim.api.nvim_win_set_cursor(0, { 5, 14 })
  end,
})
