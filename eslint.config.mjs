import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      '.data/**',
      'node_modules/**',
      'content/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'lighthouse/**',
      'next-env.d.ts',
    ],
  },
  {
    // `const { body: _body, ...post } = x` leaves out a field on purpose.
    rules: { '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }] },
  },
  {
    // Past these a module or a function is a list of steps waiting for names (STYLE.md).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // jsdom keeps every document a selector ran on alive (see lib/render.ts): walk the tree.
    files: ['lib/render.ts', 'lib/render/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['querySelector', 'querySelectorAll', 'closest', 'matches'].map((property) => ({
          property,
          message: 'Selector APIs leak jsdom documents here: walk the tree instead.',
        })),
      ],
    },
  },
];

export default config;
