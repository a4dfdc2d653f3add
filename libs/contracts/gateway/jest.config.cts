module.exports = { displayName: 'contracts-gateway', preset: '../../../jest.preset.js' };
