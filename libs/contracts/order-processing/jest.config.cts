module.exports = { displayName: 'contracts-order-processing', preset: '../../../jest.preset.js' };
