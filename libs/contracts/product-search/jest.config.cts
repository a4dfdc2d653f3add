module.exports = { displayName: 'contracts-product-search', preset: '../../../jest.preset.js' };
