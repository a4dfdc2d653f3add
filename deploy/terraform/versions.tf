terraform {
  required_version = ">= 1.5.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14" # pinned to the 4.x line; `terraform init -upgrade` moves within it
    }
  }

  # Remote state (chapter 7: keep the state out of your laptop so CI and colleagues share it).
  # 1. Create a storage account and container once, e.g.:
  #      az group create -n ms-tfstate -l westeurope
  #      az storage account create -n mstfstate<unique> -g ms-tfstate --sku Standard_LRS
  #      az storage container create -n tfstate --account-name mstfstate<unique>
  # 2. Uncomment the block below with those names and run `terraform init -migrate-state`.
  #
  # backend "azurerm" {
  #   resource_group_name  = "ms-tfstate"
  #   storage_account_name = "mstfstate<unique>"
  #   container_name       = "tfstate"
  #   key                  = "microservices.tfstate"
  # }
}

provider "azurerm" {
  features {}
  # Taken from `az login` or the ARM_SUBSCRIPTION_ID environment variable when unset.
  subscription_id = var.subscription_id
}
