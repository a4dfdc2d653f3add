/** Unit tests of the storefront's logic (cart rules, API paths, session); the page itself: system-e2e's storefront suite. */
module.exports = {
  displayName: 'storefront',
  preset: '../../jest.preset.js',
};
