import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layersPlugin } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/**', '.e2e/**', 'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, parley: layersPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Server data is rendered as React text only: no HTML injection sinks anywhere (docs/security.md).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render server data as text.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render server data as text.' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'No innerHTML/outerHTML: build DOM with React or textContent.' },
        { selector: "MemberExpression[computed=true][property.value=/^(innerHTML|outerHTML)$/]", message: 'No innerHTML/outerHTML: build DOM with React or textContent.' },
        { selector: "CallExpression[callee.property.name=/^(setHTMLUnsafe|parseHTMLUnsafe)$/]", message: 'No HTML string sinks (setHTMLUnsafe).' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No HTML string sinks (insertAdjacentHTML).' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'No document.write.' },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'No HTML string sinks (createContextualFragment).' },
      ],
      // No back-edges between the folders (eslint.layers.js, docs/architecture.md).
      'parley/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
